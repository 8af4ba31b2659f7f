import { Component, onWillUnmount, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

const { DateTime } = luxon;

/**
 * The running clock of a ticket's timer: the time since the datetime field
 * (the timer's start) as h:mm:ss, ticking every second.
 */
export class SupportTimerClockField extends Component {
    static template = "support_billing.SupportTimerClockField";
    static props = { ...standardFieldProps };

    setup() {
        this.state = useState({ now: DateTime.now() });
        const interval = setInterval(() => {
            this.state.now = DateTime.now();
        }, 1000);
        onWillUnmount(() => clearInterval(interval));
    }

    get elapsed() {
        const start = this.props.record.data[this.props.name];
        if (!start) {
            return "";
        }
        const seconds = Math.max(0, Math.floor(this.state.now.diff(start).as("seconds")));
        const pad = (n) => String(n).padStart(2, "0");
        const hours = Math.floor(seconds / 3600);
        const minutes = Math.floor((seconds % 3600) / 60);
        return `${hours}:${pad(minutes)}:${pad(seconds % 60)}`;
    }
}

registry.category("fields").add("support_timer_clock", {
    component: SupportTimerClockField,
    supportedTypes: ["datetime"],
});
