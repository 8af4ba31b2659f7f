import { registry } from "@web/core/registry";
import { DateTimeField, dateField } from "@web/views/fields/datetime/datetime_field";

/**
 * A month held in a date field (its first day): read as "November 2026",
 * picked from a month picker (no day).
 */
export class SupportMonthField extends DateTimeField {
    getFormattedValue(valueIndex, numeric = this.props.numeric) {
        const value = this.values[valueIndex];
        if (!value || numeric) {
            return super.getFormattedValue(valueIndex, numeric);
        }
        return value.toFormat("LLLL yyyy");
    }
}

export const supportMonthField = {
    ...dateField,
    component: SupportMonthField,
    displayName: "Month",
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...dateField.extractProps(fieldInfo, dynamicInfo),
        minPrecision: "months",
        maxPrecision: "decades",
    }),
};

registry.category("fields").add("support_month", supportMonthField);
