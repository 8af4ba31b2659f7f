import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/**
 * T4 in the new-ticket form: show the priority that the impact and urgency
 * chosen give, with the provider's matrix (the server recomputes it anyway).
 */
export class SupportTicketForm extends Interaction {
    static selector = ".o_support_ticket_form";
    dynamicContent = {
        "input[name=impact], input[name=urgency]": {
            "t-on-change": this.updatePriority,
        },
    };

    setup() {
        this.matrix = JSON.parse(this.el.dataset.matrix || "{}");
        this.labels = JSON.parse(this.el.dataset.priorityLabels || "{}");
        this.updatePriority();
        // after a refused submit: the errors, at the top of the form, first
        const errors = document.getElementById("o_support_form_errors");
        if (errors) {
            errors.scrollIntoView({ block: "start" });
            errors.focus({ preventScroll: true });
        }
    }

    updatePriority() {
        const impact = this.el.querySelector("input[name=impact]:checked")?.value;
        const urgency = this.el.querySelector("input[name=urgency]:checked")?.value;
        const target = this.el.querySelector(".o_support_priority_value");
        if (!target) {
            return;
        }
        const priority = impact && urgency ? this.matrix[`${impact}|${urgency}`] : undefined;
        target.textContent = priority !== undefined ? this.labels[priority] || priority : "-";
        target.dataset.priority = priority ?? "";
    }
}

registry.category("public.interactions").add("support_portal.ticket_form", SupportTicketForm);
