package net.hosting.accounttransfer.support;

import java.time.LocalDate;
import java.util.UUID;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Ledger;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers and paid accounts made through the application's own services; names are unique per call so
 * tests sharing one database never see each other's data.
 */
public class Fixtures {

    public static final String PASSWORD = "correct-horse-1";

    private final ProfileService profiles;
    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final Ledger ledger;
    private final BillingCalendar calendar;
    private final TransactionTemplate transaction;

    Fixtures(ProfileService profiles, AccountRepository accounts, SubscriptionRepository subscriptions, Ledger ledger,
            BillingCalendar calendar, TransactionTemplate transaction) {
        this.profiles = profiles;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.calendar = calendar;
        this.transaction = transaction;
    }

    /** A customer with a unique email such as {@code alice-3f2a@example.test}. */
    public Profile customer(String name, Profile.Language locale) {
        String email = name.toLowerCase(java.util.Locale.ROOT) + "-" + unique() + "@example.test";
        return profiles.register(email, PASSWORD, name, null, "1 Test Street", locale, new Actor(email, "127.0.0.1"));
    }

    /** A customer in {@code country}, with a company and a VAT number when given (null for none). */
    public Profile customerIn(String country, String name, String company, String vatNumber) {
        String email = name.toLowerCase(java.util.Locale.ROOT) + "-" + unique() + "@example.test";
        return profiles.register(email, PASSWORD, name, company, "1 Test Street", country, vatNumber,
                Profile.Language.EN, new Actor(email, "127.0.0.1"));
    }

    /** An account of {@code owner} whose current period began {@code daysAgo} days ago and is paid. */
    public Account paidAccount(Profile owner, String price, BillingCycle cycle, int daysAgo) {
        return paidAccount(owner, price, cycle, calendar.today().minusDays(daysAgo));
    }

    public Account paidAccount(Profile owner, String price, BillingCycle cycle, LocalDate anchor) {
        return transaction.execute(status -> {
            Account account = accounts.save(new Account("acct-" + unique(), owner.id(), calendar.now()));
            Subscription subscription = subscriptions.save(Subscription.open(account.id(), owner.id(), "Cloud S",
                    Money.euros(price), cycle, anchor, calendar.today()));
            ledger.invoice("fixture:" + account.name(),
                    owner.billingIdentity(), owner.id(),
                    subscription, account.name(), subscription.currentPeriod(), subscription.price());
            return account;
        });
    }

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
