package net.hosting.accounttransfer.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.TaxedAmount;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Money and dates as the page's reader writes them ({@code @pageFormat} in templates); times in the billing zone. */
@Component
class PageFormat {

    private final BillingCalendar calendar;

    PageFormat(BillingCalendar calendar) {
        this.calendar = calendar;
    }

    public String money(Money money) {
        return money == null ? "" : money.formatFor(locale());
    }

    /** A document's or a preview's amounts: the total, then net and VAT (PRODUCT.md V5). */
    public String taxed(TaxedAmount amounts) {
        return amounts == null ? "" : amounts.formatFor(locale());
    }

    /** A VAT rate: "20 %" for a French reader, "20%" for any other. */
    public String rate(TaxedAmount amounts) {
        return amounts == null ? "" : amounts.rateFor(locale());
    }

    /** Only the bracket of net and VAT, for a page that shows the total beside it. */
    public String taxDetail(TaxedAmount amounts) {
        return amounts == null ? "" : amounts.detailFor(locale());
    }

    public String date(LocalDate date) {
        return date == null ? "" : date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()));
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : instant.atZone(calendar.zone()).format(
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale()));
    }

    /** The last day a period {@code [start, end)} covers, for readers who count days inclusively. */
    public LocalDate lastDay(LocalDate end) {
        return end == null ? null : end.minusDays(1);
    }

    /** This page's address in another language, keeping its other parameters (an accept link's token). */
    public String inLanguage(String tag) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("continue").replaceQueryParam("lang", tag).build().toUriString();
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
