import { registry } from "@web/core/registry";

/**
 * A key user opens a ticket (the priority is computed while they choose the
 * impact and urgency), answers a ticket waiting on them and rates a resolved
 * one (P1, T4, L5, T7).
 */
registry.category("web_tour.tours").add("support_portal_key_user_tour", {
    url: "/my/tickets/new",
    steps: () => [
        {
            content: "The catalogue of the plan is shown before the form (P3)",
            trigger: ".o_support_catalogue_included:contains(TOUR-INCLUDED)",
        },
        {
            content: "The tips for a fast answer are shown (T2)",
            trigger: ".o_support_tips",
        },
        {
            content: "Subject",
            trigger: "input[name=name]",
            run: "edit TOUR-NEW Invoices cannot be posted",
        },
        {
            content: "Description",
            trigger: "textarea[name=description]",
            run: "edit Posting an invoice shows an error since this morning.",
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
            content: "The priority is computed at once",
            trigger: ".o_support_priority_value[data-priority='3']",
        },
        {
            content: "A lower urgency lowers the priority",
            trigger: "#support_urgency_low",
            run: "click",
        },
        {
            content: "Low priority",
            trigger: ".o_support_priority_value[data-priority='0']",
        },
        {
            content: "Back to high urgency",
            trigger: "#support_urgency_high",
            run: "click",
        },
        {
            content: "Send the ticket",
            trigger: ".o_support_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Confirmation page with the priority",
            trigger: ".o_support_confirmation .o_support_priority[data-priority='3']",
        },
        {
            content: "Go to the tickets waiting on me",
            trigger: ".o_support_confirmation",
            run: () => {
                window.location.href = "/my/tickets?filterby=waiting";
            },
            expectUnloadPage: true,
        },
        {
            content: "Open the waiting ticket",
            trigger: "a.o_support_ticket_subject:contains(TOUR-WAITING)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The waiting banner is shown",
            trigger: ".o_support_waiting_banner",
        },
        {
            content: "Write the answer",
            trigger: "textarea[name=message]",
            run: "edit Here is the log you asked for.",
        },
        {
            content: "Send it",
            trigger: ".o_support_reply_send",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is in the conversation and the ticket no longer waits",
            trigger: ".o_support_message_body:contains(Here is the log you asked for)",
        },
        {
            content: "No waiting banner any more",
            trigger: ".o_support_ticket_page:not(:has(.o_support_waiting_banner))",
        },
        {
            content: "Go to the resolved tickets",
            trigger: ".o_support_ticket_page",
            run: () => {
                window.location.href = "/my/tickets?filterby=resolved";
            },
            expectUnloadPage: true,
        },
        {
            content: "Open the resolved ticket",
            trigger: "a.o_support_ticket_subject:contains(TOUR-RESOLVED)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Satisfied",
            trigger: "#support_rating_5",
            run: "click",
        },
        {
            content: "Comment",
            trigger: "textarea[name=feedback]",
            run: "edit Quick and clear, thanks.",
        },
        {
            content: "Send the rating",
            trigger: ".o_support_rating_send",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The rating is recorded",
            trigger: ".o_support_rated",
        },
    ],
});

/** A contact who is not a key user sees only their own tickets (P2, C6). */
registry.category("web_tour.tours").add("support_portal_non_key_user_tour", {
    url: "/my/tickets?filterby=all",
    steps: () => [
        {
            content: "Their own ticket is listed",
            trigger: "a.o_support_ticket_subject:contains(SECRET-NONKEY)",
        },
        {
            content: "The other tickets of the company are not",
            trigger: ".o_portal_my_doc_table:not(:has(a:contains(SECRET-OWNER)))",
        },
        {
            content: "They cannot open tickets",
            trigger:
                ".o_portal_wrap:not(:has(.o_support_new_ticket_btn, .o_support_new_ticket_btn_phone))",
        },
    ],
});

/**
 * On a phone-sized screen: the statuses of the list are whole on the screen
 * and "Open a ticket" is a button of the page, not hidden behind the menu.
 */
registry.category("web_tour.tours").add("support_portal_phone_list_tour", {
    url: "/my/tickets?filterby=all",
    steps: () => [
        {
            content: "The status is shown under the subject",
            trigger: ".o_support_ticket_badges_phone .o_support_status:visible",
            run() {
                for (const badge of document.querySelectorAll(
                    ".o_support_ticket_badges_phone .o_support_status"
                )) {
                    const box = badge.getBoundingClientRect();
                    if (box.left < 0 || box.right > window.innerWidth) {
                        throw new Error(`status cut off: ${badge.textContent.trim()}`);
                    }
                }
            },
        },
        {
            content: "Open a ticket: a button of the page",
            trigger: "a.o_support_new_ticket_btn_phone:visible",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The form is there",
            trigger: "input[name=name]",
        },
    ],
});
