import { registry } from "@web/core/registry";

// An agent starts the timer of a ticket: a clock ticks in a one-line banner;
// stopping it opens a dialog with the rounded duration and an empty, required
// description of the work.
registry.category("web_tour.tours").add("support_billing_timer_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_timer_start]",
            run: "click",
        },
        {
            trigger: ".o_support_timer_banner .o_support_timer_clock:contains(0:00:0)",
            run() {
                const banner = document.querySelector(".o_support_timer_banner");
                const lineHeight = parseFloat(getComputedStyle(banner).lineHeight) || 24;
                const padding =
                    parseFloat(getComputedStyle(banner).paddingTop) +
                    parseFloat(getComputedStyle(banner).paddingBottom);
                if (banner.clientHeight - padding > 2 * lineHeight) {
                    throw new Error(`the timer banner wraps: ${banner.clientHeight}px`);
                }
            },
        },
        {
            // the clock ticks
            trigger: ".o_support_timer_clock:contains(0:00:02)",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_timer_stop]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=hours]:contains(00:01)",
        },
        {
            trigger: ".modal .o_field_widget[name=description] textarea:empty",
            run: "edit Fixed the report filter",
        },
        {
            trigger: ".modal button[name=action_log]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger: ".o_action_manager .o_form_view:not(:has(.o_support_timer_banner))",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_timer_start]",
        },
    ],
});
