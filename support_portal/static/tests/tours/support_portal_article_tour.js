import { registry } from "@web/core/registry";

/**
 * Seed 004 in the new-ticket form: the customer types a subject, an article
 * is suggested, "This answered my question" replaces the form with a
 * confirmation; nothing is sent.
 */
registry.category("web_tour.tours").add("support_portal_article_tour", {
    url: "/my/tickets/new",
    steps: () => [
        {
            content: "Type the subject",
            trigger: "input[name=name]",
            run: "edit How to archive old price lists",
        },
        {
            content: "An article is suggested",
            trigger:
                ".o_support_article_suggestions:not(.d-none) .o_support_article_suggestion_link:contains(TOUR-KB Archive price lists)",
        },
        {
            content: "It answered the question",
            trigger:
                ".o_support_article_suggestion:has(a:contains(TOUR-KB Archive price lists)) .o_support_article_answered",
            run: "click",
        },
        {
            content: "The confirmation replaces the form",
            trigger: ".o_support_article_deflected:not(.d-none):contains(No ticket was opened)",
        },
        {
            content: "The form is gone",
            trigger: ".o_support_new_ticket:has(form.o_support_ticket_form.d-none)",
        },
    ],
});
