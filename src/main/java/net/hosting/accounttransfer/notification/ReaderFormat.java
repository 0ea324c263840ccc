package net.hosting.accounttransfer.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.TaxedAmount;

/**
 * The one way to show money and dates to a reader, in the reader's language: pages ({@code @pageFormat}), mails
 * ({@code fmt}) and documents all use it, so a date reads the same everywhere; a period is shown by its first day
 * and {@code BillingPeriod.lastDay()}, both inclusive (STYLE.md).
 */
public final class ReaderFormat {

    private final Locale locale;
    private final ZoneId zone;

    public ReaderFormat(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    public String money(Money money) {
        return money == null ? "" : money.formatFor(locale);
    }

    /** A document's or a preview's amounts: the total, then net and VAT (PRODUCT.md V5). */
    public String taxed(TaxedAmount amounts) {
        return amounts == null ? "" : amounts.formatFor(locale);
    }

    /** Only the bracket of net and VAT, for a page that shows the total beside it. */
    public String taxDetail(TaxedAmount amounts) {
        return amounts == null ? "" : amounts.detailFor(locale);
    }

    public String date(LocalDate date) {
        return date == null ? "" : date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    }

    public String dateTime(Instant instant) {
        // the zone's short name (CET, CEST) so nobody has to guess whose clock the time is on
        return instant == null ? "" : instant.atZone(zone).format(
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale))
                + " " + instant.atZone(zone).format(DateTimeFormatter.ofPattern("zzz", locale));
    }
}
