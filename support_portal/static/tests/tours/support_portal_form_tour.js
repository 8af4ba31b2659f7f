import { registry } from "@web/core/registry";

/**
 * The new-ticket flow on any screen (desktop or phone-sized): a first send
 * without a subject is refused with the errors at the top of the form and
 * the typed text kept; completed, it is sent and confirmed.
 */
registry.category("web_tour.tours").add("support_portal_new_ticket_tour", {
    url: "/my/tickets/new",
    steps: () => [
        {
            content: "The form comes first, before the coverage list",
            trigger: ".o_support_new_ticket:has(.o_support_ticket_form + div .o_support_catalogue)",
        },
        {
            content: "Description",
            trigger: "textarea[name=description]",
            run: "edit TOUR-FORM <form><field name='x'/></form> JavaScript: TypeError",
        },
        {
            content: "Impact: the whole company",
            trigger: "#support_impact_system",
            run: "click",
        },
        {
            content: "Urgency: work is stopped",
            trigger: "#support_urgency_high",
            run: "click",
        },
        {
            content: "Send without a subject",
            trigger: ".o_support_submit:visible",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The errors are at the top of the form, focused",
            trigger: "#o_support_form_errors:focus",
        },
        {
            content: "The subject is marked",
            trigger: "#error_name",
        },
        {
            content: "The description typed is kept",
            trigger: "textarea[name=description]:value(TOUR-FORM <form>)",
        },
        {
            content: "Subject",
            trigger: "input[name=name]",
            run: "edit TOUR-FORM Posting fails",
        },
        {
            content: "Send the ticket",
            trigger: ".o_support_submit:visible",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Confirmation page",
            trigger: ".o_support_confirmation .o_support_ticket_number",
        },
    ],
});
