package net.hosting.accounttransfer.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.TaxedAmount;
import net.hosting.accounttransfer.notification.ReaderFormat;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** {@link ReaderFormat} in the page's language ({@code @pageFormat} in templates); times in the billing zone. */
@Component
class PageFormat {

    private final BillingCalendar calendar;

    PageFormat(BillingCalendar calendar) {
        this.calendar = calendar;
    }

    public String money(Money money) {
        return reader().money(money);
    }

    /** A document's or a preview's amounts: the total, then net and VAT (PRODUCT.md V5). */
    public String taxed(TaxedAmount amounts) {
        return reader().taxed(amounts);
    }

    /** A VAT rate: "20 %" for a French reader, "20%" for any other. */
    public String rate(TaxedAmount amounts) {
        return amounts == null ? "" : amounts.rateFor(locale());
    }

    /** Only the bracket of net and VAT, for a page that shows the total beside it. */
    public String taxDetail(TaxedAmount amounts) {
        return reader().taxDetail(amounts);
    }

    public String date(LocalDate date) {
        return reader().date(date);
    }

    public String dateTime(Instant instant) {
        return reader().dateTime(instant);
    }

    /** This page's address in another language, keeping its other parameters (an accept link's token). */
    public String inLanguage(String tag) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("continue").replaceQueryParam("lang", tag).build().toUriString();
    }

    private ReaderFormat reader() {
        return new ReaderFormat(locale(), calendar.zone());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
