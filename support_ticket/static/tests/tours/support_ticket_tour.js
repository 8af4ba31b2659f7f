import { registry } from "@web/core/registry";

// An agent opens the queue in kanban, opens a ticket, takes it, starts it
// (the Start button shows on a new ticket) and overrides its priority with a
// reason (T4); the overridden value stays readable next to its badge.
registry.category("web_tour.tours").add("support_ticket_tour", {
    steps: () => [
        {
            trigger: ".o_kanban_view .o_kanban_record:contains('Tour: stock report slow')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input:value('Tour: stock report slow')",
        },
        {
            trigger: ".o_form_view button[name=action_assign_to_me]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=user_id] input:value('Tour Agent')",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_set_in_progress]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('In Progress')",
        },
        {
            trigger: ".o_form_view:not(:has(.o_statusbar_buttons button[name=action_set_in_progress]))",
        },
        {
            trigger: ".o_form_view button[name=action_override_priority]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The CFO presents the report tomorrow",
        },
        {
            trigger: ".modal .o_field_widget[name=priority] .o_priority_star:eq(1)",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=priority_override_reason]:contains('CFO')",
        },
    ],
});
