package net.hosting.accounttransfer.history;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders an activity entry's facts as a sentence in the reader's language (i18n/pages*.properties,
 * {@code activity.detail.*}), for the history page and the API alike. An entry older than V8 whose sentence could
 * not be read back into facts shows that sentence as it was written.
 */
@Component("activityTexts")
public class ActivityTexts {

    private final MessageSource messages;

    ActivityTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String action(Activity entry, Locale locale) {
        return messages.getMessage("activity.action." + entry.action().name(), null, entry.action().name(), locale);
    }

    public String detail(Activity entry, Locale locale) {
        if (entry.legacyDetail() != null) {
            return entry.legacyDetail();
        }
        ActivityFacts facts = entry.facts();
        // {0} the other party, {1} the billing mode, {2} the transfer, {3} the field, {4} {5} its old and new value, {6} the note
        Object[] arguments = {text(facts.counterpart()),
                facts.billingMode() == null ? "" : messages.getMessage("activity.mode." + facts.billingMode(), null,
                        facts.billingMode(), locale),
                facts.transferId() == null ? "" : facts.transferId().toString(),
                facts.field() == null ? "" : messages.getMessage("activity.field." + facts.field(), null, facts.field(),
                        locale),
                text(facts.oldValue()), text(facts.newValue()), text(facts.note())};
        String key = "activity.detail." + entry.action().name();
        String variant = facts.newValue() != null && facts.field() != null ? ".values" : facts.note() != null ? ".note" : "";
        String sentence = variant.isEmpty() ? null : messages.getMessage(key + variant, arguments, null, locale);
        return sentence != null ? sentence : messages.getMessage(key, arguments, "", locale);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
