package net.hosting.accounttransfer.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.Money;
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
