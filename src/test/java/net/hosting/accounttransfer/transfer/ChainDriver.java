package net.hosting.accounttransfer.transfer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.BillingPeriod;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.Ledger;
import net.hosting.accounttransfer.billing.TaxedAmount;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Fixtures;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands one account along a chain of transfers accepted on chosen Paris dates, running the real steps the
 * process runs (ownership, invoice, refund, renewal) without the engine, so a chain costs milliseconds. The
 * AT_RENEWAL timers are kept here and fired, in due order, before any later acceptance and at {@link #finish}.
 * At each acceptance it keeps what the preview said then, and checks that the steps issued exactly that (B7).
 *
 * <p>A replay, not the engine: {@code TransferChainProperties} hands accounts on 1,000 times a run across years of
 * renewal dates, which through the engine would mean moving its clock and Camunda's by years in the shared test
 * context, at seconds a hand-over. The order replayed is {@link #IMMEDIATE} and {@link #AT_RENEWAL}, which
 * {@code ChainDriverTests} holds to the BPMN model.
 */
final class ChainDriver {

    /** The steps an IMMEDIATE acceptance runs after the decision, by their ids in account-transfer.bpmn. */
    static final List<String> IMMEDIATE = List.of("Task_TransferOwnership", "Task_InvoiceRecipient",
            "Task_RefundSender");
    /** The same for AT_RENEWAL: the steps after {@link #RENEWAL_TIMER} run when it fires. */
    static final List<String> AT_RENEWAL = List.of("Task_TransferOwnership", "Task_ScheduleRenewalInvoice",
            "TimerEvent_RenewalDate", "Task_InvoiceRecipientAtRenewal");
    static final String RENEWAL_TIMER = "TimerEvent_RenewalDate";

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** An AT_RENEWAL transfer whose timer has not fired yet, and the steps it runs then. */
    private record Timer(UUID transferId, LocalDate due, int order, List<String> then) {
    }

    private final TransferRepository transfers;
    private final TransferSteps steps;
    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final Ledger ledger;
    private final TransferBilling billing;
    private final TransactionTemplate transaction;
    private final List<Timer> timers = new ArrayList<>();
    private Account account;
    private int accepted;

    ChainDriver(TransferRepository transfers, TransferSteps steps, AccountRepository accounts,
            SubscriptionRepository subscriptions, Ledger ledger, TransferBilling billing,
            TransactionTemplate transaction) {
        this.billing = billing;
        this.transfers = transfers;
        this.steps = steps;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.transaction = transaction;
    }

    /** A new account of {@code owner}, whose first period {@code [anchor, anchor + 1 cycle)} is invoiced and paid. */
    Account open(Profile owner, String price, BillingCycle cycle, LocalDate anchor) {
        account = transaction.execute(status -> {
            Account opened = accounts.save(new Account("chain-" + Fixtures.unique(), owner.id(), Instant.now()));
            Subscription subscription = subscriptions.save(Subscription.open(opened.id(), owner.id(), "Cloud S",
                    Money.euros(price), cycle, anchor, anchor));
            ledger.invoice("chain:" + opened.name(), owner.billingIdentity(), owner.id(), subscription,
                    opened.name(), subscription.currentPeriod(), subscription.price());
            return opened;
        });
        return account;
    }

    /** The holder's active subscription, after the renewals due by then. */
    Subscription active() {
        return subscriptions.findActiveByAccount(account.id()).orElseThrow();
    }

    /** Fires, in due order, every AT_RENEWAL timer due on or before {@code date} (00:00 in Paris). */
    void fireTimersDueBy(LocalDate date) {
        List<Timer> due = timers.stream().filter(t -> !t.due().isAfter(date))
                .sorted(Comparator.comparing(Timer::due).thenComparing(Timer::order)).toList();
        for (Timer timer : due) {
            run(timer.then(), timer.transferId());
            timers.remove(timer);
        }
    }

    /**
     * The account's current holder hands it to {@code recipient}, who accepts at noon in Paris on {@code acceptedOn};
     * the billing steps of the mode run as the process would run them.
     */
    Transfer handOver(Profile sender, Profile recipient, BillingMode mode, LocalDate acceptedOn) {
        fireTimersDueBy(acceptedOn);
        Instant at = acceptedOn.atTime(LocalTime.NOON).atZone(PARIS).toInstant();
        UUID id = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            Transfer transfer = new Transfer(id, account.id(), account.name(), sender.id(), recipient.email(), mode,
                    active().id(), at.minus(Duration.ofHours(1)), at.plus(Duration.ofDays(14)), null);
            transfer.accept(recipient.id(), at);
            transfers.saveAndFlush(transfer);
        });
        // what both parties read at the moment of acceptance, before any step ran
        TransferBilling.Preview said = billing.preview(transfers.findById(id).orElseThrow(),
                TransferBilling.Reader.OTHER).orElseThrow();
        run(mode == BillingMode.IMMEDIATE ? IMMEDIATE : AT_RENEWAL, id);
        if (mode == BillingMode.IMMEDIATE) {
            requireIssuedAsPreviewed(transfers.findById(id).orElseThrow(), said);
        }
        accepted++;
        return transfers.findById(id).orElseThrow();
    }

    /** Runs the steps named, in order, as their delegates would; at the renewal timer the rest waits for it. */
    private void run(List<String> named, UUID id) {
        Instant renewal = null;
        for (int i = 0; i < named.size(); i++) {
            switch (named.get(i)) {
                case "Task_TransferOwnership" -> steps.transferOwnership(id);
                case "Task_InvoiceRecipient" -> steps.invoiceRecipient(id);
                case "Task_RefundSender" -> steps.refundSender(id);
                case "Task_ScheduleRenewalInvoice" -> renewal = steps.renewalInstant(id);
                case RENEWAL_TIMER -> {
                    timers.add(new Timer(id, LocalDate.ofInstant(renewal, PARIS), accepted,
                            named.subList(i + 1, named.size())));
                    return;
                }
                case "Task_InvoiceRecipientAtRenewal" -> steps.invoiceRenewal(id);
                default -> throw new IllegalArgumentException("ChainDriver cannot run " + named.get(i));
            }
        }
    }

    /**
     * B7 and issue 19: the recipient's invoice, the sender's refund and the previous payer's refund are exactly the
     * preview's figures at acceptance, net, VAT and total, each under the key the plan named, or absent when the
     * preview said nothing.
     */
    private void requireIssuedAsPreviewed(Transfer transfer, TransferBilling.Preview said) {
        Optional<TaxedAmount> charge = ledger.findByKey(TransferBilling.recipientInvoiceKey(transfer)).map(Invoice::amounts);
        Optional<TaxedAmount> senderRefund = ledger.findByKey(TransferBilling.senderRefundKey(transfer)).map(Invoice::amounts);
        Optional<TaxedAmount> previousPayerRefund = ledger.findByKey(TransferBilling.previousPayerRefundKey(transfer))
                .map(Invoice::amounts);
        if (!charge.equals(Optional.of(said.recipientCharge()).filter(c -> !c.net().isZero()))
                || !senderRefund.equals(said.senderRefund()) || !previousPayerRefund.equals(said.previousPayerRefund())) {
            throw new AssertionError("transfer " + transfer.id() + ": the preview at acceptance said " + said
                    + ", but the steps issued charge " + charge + ", sender refund " + senderRefund
                    + ", previous payer refund " + previousPayerRefund);
        }
    }

    /** Fires every timer still waiting, as the days pass. */
    void finish() {
        fireTimersDueBy(LocalDate.MAX);
    }

    /** The day before the active period ends: the last day a transfer can be accepted without a renewal. */
    LocalDate lastDayOfActivePeriod() {
        BillingPeriod current = active().currentPeriod();
        return current.end().minusDays(1);
    }

    /** When the next timer fires, if one waits. */
    LocalDate nextTimer() {
        return timers.stream().map(Timer::due).min(Comparator.naturalOrder()).orElse(null);
    }
}
