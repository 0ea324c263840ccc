package net.hosting.accounttransfer.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.common.ForbiddenException;
import net.hosting.accounttransfer.common.InputRefusal;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.infrastructure.Paging;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.common.TextFields;
import net.hosting.accounttransfer.common.TooManyRequestsException;
import net.hosting.accounttransfer.common.Violations;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.EmailAddress;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileRepository;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Slice;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transfer rules T1 to T8 as customers meet them. Every decision locks the transfer's row, so accept,
 * decline, cancel and expiry serialise in the database whichever node they arrive on: exactly one wins.
 */
@Service
public class TransferService {

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 100;
    static final Duration OFFER_WINDOW = Duration.ofHours(24);

    private final TransferRepository transfers;
    private final TransferLocks locks;
    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final ProfileRepository profiles;
    private final TransferWorkflow workflow;
    private final TransferActivity activity;
    private final AcceptLinks links;
    private final TransferProperties settings;
    private final BillingCalendar calendar;

    TransferService(TransferRepository transfers, TransferLocks locks, AccountRepository accounts, SubscriptionRepository subscriptions,
            ProfileRepository profiles, TransferWorkflow workflow, TransferActivity activity,
            AcceptLinks links, TransferProperties settings, BillingCalendar calendar) {
        this.transfers = transfers;
        this.locks = locks;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.profiles = profiles;
        this.workflow = workflow;
        this.activity = activity;
        this.links = links;
        this.settings = settings;
        this.calendar = calendar;
    }

    /** What starting a transfer asks for. */
    public record StartRequest(String account, String recipientEmail, BillingMode billingMode) {
    }

    /** The transfer, and whether this call created it (false for a repeated Idempotency-Key). */
    public record Started(Transfer transfer, boolean created) {
    }

    /** An offer that passed {@link #check}: the sender's account, its active subscription, and the recipient. */
    public record Offer(Account account, Subscription subscription, EmailAddress recipient) {
    }

    /**
     * The rules an offer must meet (T1 to T5), checked without storing anything: the page's preview calls this, and
     * {@link #start} calls the same check, so the preview can never accept what the start refuses.
     */
    @Transactional(readOnly = true)
    public Offer check(Long senderId, StartRequest request) {
        return check(profiles.findById(senderId).orElseThrow(Missing.signedIn(senderId)), request);
    }

    /**
     * Starts a transfer, or, for an Idempotency-Key this sender already used, answers with the transfer that key
     * started and creates nothing: the one place a repeated start is recognised, for the API and the pages alike.
     */
    @Transactional
    public Started start(Long senderId, StartRequest request, String idempotencyKey, Actor actor) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw new RuleViolationException(TransferRefusal.IDEMPOTENCY_KEY_INVALID, "Idempotency-Key",
                    "An Idempotency-Key must have 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters.");
        }
        // one sender's starts queue on its profile row: concurrent ones cannot all squeeze under the limit, and a
        // repeat sent while the first was in flight waits for it here, then finds what it committed
        Profile sender = profiles.lockById(senderId).orElseThrow(
                () -> new IllegalStateException("profile " + senderId + " starting a transfer does not exist"));
        Optional<Transfer> earlier = startedWith(senderId, idempotencyKey);
        if (earlier.isPresent()) {
            return new Started(earlier.get(), false);
        }
        Offer offer = check(sender, request);
        Account account = offer.account();
        Instant now = calendar.now();
        requireOfferBudget(senderId, now);
        Transfer transfer = new Transfer(UUID.randomUUID(), account.id(), account.name(), senderId,
                offer.recipient().value(), request.billingMode(), offer.subscription().id(), now,
                expiryOf(now), idempotencyKey);
        // the process first, so that the row is written once, with its instance id; its first job and the user
        // task commit with the row or not at all
        transfer.startedAs(workflow.start(transfer, transfer.expiresAt().minus(settings.reminderBefore())));
        try {
            transfer = transfers.saveAndFlush(transfer);
        } catch (DataIntegrityViolationException e) {
            // T3 is the database's to enforce: a concurrent start on the same account lands here
            throw pendingConflict(account);
        }
        activity.started(transfer, actor);
        return new Started(transfer, true);
    }

    /** When an offer made now would expire, as the preview shows it: {@link #start} gives a transfer the same. */
    public Instant expiryIfStartedNow() {
        return expiryOf(calendar.now());
    }

    private Instant expiryOf(Instant offeredAt) {
        return offeredAt.plus(settings.expiry());
    }

    /**
     * Every rule the offer breaks, in one refusal. An account the sender may not see (404) or that is already
     * offered (409) answers that alone, as it did before any other rule was looked at.
     */
    private Offer check(Profile sender, StartRequest request) {
        // T1: an account the sender does not own looks exactly like one that does not exist
        Account account = accounts.owned(sender.id(), request.account());
        Violations violations = new Violations();
        EmailAddress recipient = violations.parse(() -> EmailAddress.parse("recipientEmail", request.recipientEmail()));
        // T2: nor an address the sender asked to change to, which a link it holds would make its own
        if (recipient != null && (sender.hasEmail(recipient.value())
                || profiles.askedToUse(sender.id(), recipient.value()))) {
            violations.add(TransferRefusal.OWN_EMAIL, "recipientEmail", "You cannot transfer an account to yourself.");
        }
        Subscription subscription = violations.parse(() -> activeSubscription(account));
        if (violations.isEmpty() && transfers.findPendingForAccount(account.id()).isPresent()) {
            throw pendingConflict(account);
        }
        if (request.billingMode() == null) {
            violations.add(InputRefusal.REQUIRED, "billingMode",
                    "Choose how the recipient is billed: IMMEDIATE or AT_RENEWAL.");
        }
        violations.throwIfAny();
        return new Offer(account, subscription, recipient);
    }

    /** The transfer this sender started with this Idempotency-Key, if any. */
    @Transactional(readOnly = true)
    public Optional<Transfer> startedWith(Long senderId, String idempotencyKey) {
        return idempotencyKey == null ? Optional.empty()
                : transfers.findBySenderAndIdempotencyKey(senderId, idempotencyKey);
    }

    @Transactional
    public Transfer accept(UUID transferId, Long profileId, Actor actor) {
        Profile me = profiles.findById(profileId).orElseThrow(Missing.signedIn(profileId));
        Transfer transfer = lockVisible(transferId, me);
        requireRecipient(transfer, me, "accept");
        // one instant for the expiry check and the decision, so an offer cannot expire between the two
        Instant now = calendar.now();
        transfer.requireOpen("accepted", now);
        Account account = accounts.findById(transfer.accountId())
                .orElseThrow(Missing.of(transfer.id(), "account", transfer.accountId()));
        activeSubscription(account);
        transfer.accept(me.id(), now);
        activity.accepted(transfer, actor);
        // ownership moves only in the process (Task_TransferOwnership, in this transaction); no process, no move
        workflow.completeDecision(transfer, TransferStatus.ACCEPTED);
        return transfer;
    }

    @Transactional
    public Transfer decline(UUID transferId, Long profileId, String reason, Actor actor) {
        Violations violations = new Violations();
        violations.check(() -> TextFields.multiLine("reason", reason));
        if (reason != null && reason.length() > Transfer.MAX_DECLINE_REASON_LENGTH) {
            violations.add(InputRefusal.TOO_LONG, "reason",
                    "A reason can have at most " + Transfer.MAX_DECLINE_REASON_LENGTH + " characters.",
                    Transfer.MAX_DECLINE_REASON_LENGTH);
        }
        violations.throwIfAny();
        Profile me = profiles.findById(profileId).orElseThrow(Missing.signedIn(profileId));
        Transfer transfer = lockVisible(transferId, me);
        requireRecipient(transfer, me, "decline");
        transfer.decline(me.id(), reason, calendar.now());
        activity.declined(transfer, actor);
        workflow.completeDecision(transfer, TransferStatus.DECLINED);
        return transfer;
    }

    @Transactional
    public Transfer cancel(UUID transferId, Long profileId, Actor actor) {
        Profile me = profiles.findById(profileId).orElseThrow(Missing.signedIn(profileId));
        Transfer transfer = lockVisible(transferId, me);
        if (!transfer.senderId().equals(me.id())) {
            throw new ForbiddenException("Only the sender can cancel a transfer.");
        }
        transfer.cancel(calendar.now());
        activity.cancelled(transfer, actor);
        workflow.cancel(transfer);
        return transfer;
    }

    /** A transfer the profile sent or received; anyone else is told it does not exist. */
    @Transactional(readOnly = true)
    public Transfer get(UUID transferId, Long profileId) {
        Profile me = profiles.findById(profileId).orElseThrow(Missing.signedIn(profileId));
        return transfers.findById(transferId).filter(t -> isParty(t, me)).orElseThrow(() -> notFound(transferId));
    }

    @Transactional(readOnly = true)
    public Slice<Transfer> sent(Long profileId, Paging paging) {
        return transfers.findSentBy(profileId, paging.pageable());
    }

    @Transactional(readOnly = true)
    public Slice<Transfer> received(Long profileId, Paging paging) {
        Profile me = profiles.findById(profileId).orElseThrow(Missing.signedIn(profileId));
        return transfers.findReceivedBy(me.email(), me.id(), paging.pageable());
    }

    @Transactional(readOnly = true)
    public List<Transfer> pendingFor(List<Long> accountIds) {
        return accountIds.isEmpty() ? List.of() : transfers.findPendingForAccounts(accountIds);
    }

    /**
     * The transfer an emailed link points at, if the token is one that was mailed for it (T13). Not read-only:
     * the shared row lock makes a link opened the instant its mail arrives wait for the mail step's commit.
     */
    @Transactional
    public Optional<Transfer> byLink(UUID transferId, String token) {
        return locks.share(transferId).filter(t -> links.matches(transferId, token));
    }

    /** Whether a signed-in profile is the sender or recipient of the transfer. */
    @Transactional(readOnly = true)
    public boolean isParty(Transfer transfer, Long profileId) {
        return profiles.findById(profileId).map(me -> isParty(transfer, me)).orElse(false);
    }

    private Transfer lockVisible(UUID transferId, Profile me) {
        return locks.lock(transferId).filter(t -> isParty(t, me)).orElseThrow(() -> notFound(transferId));
    }

    private static boolean isParty(Transfer transfer, Profile me) {
        return transfer.senderId().equals(me.id()) || me.id().equals(transfer.recipientId())
                || transfer.isAddressedTo(me.email());
    }

    private static void requireRecipient(Transfer transfer, Profile me, String action) {
        if (!transfer.isAddressedTo(me.email()) && !me.id().equals(transfer.recipientId())) {
            throw new ForbiddenException("Only the recipient (" + transfer.recipientEmail() + ") can " + action
                    + " this transfer; sign in with that email.");
        }
        if (me.id().equals(transfer.senderId())) {
            // T2: the sender took the recipient's address through an email change of its own
            throw new RuleViolationException(TransferRefusal.OWN_EMAIL, null,
                    "You cannot " + action + " a transfer you started: it goes to another profile.");
        }
    }

    /** S4: at most transfer.max-offers-per-day starts in any 24 hours, counted in the database. */
    private void requireOfferBudget(Long senderId, Instant now) {
        Instant windowStart = now.minus(OFFER_WINDOW);
        List<Instant> recent = transfers.startTimesSince(senderId, windowStart);
        if (recent.size() >= settings.maxOffersPerDay()) {
            // room again once the oldest start of the window is 24 hours old
            Instant oldest = recent.get(recent.size() - settings.maxOffersPerDay());
            throw new TooManyRequestsException("You have started " + recent.size() + " transfers in the last 24 hours,"
                    + " the most allowed (transfer.max-offers-per-day = " + settings.maxOffersPerDay()
                    + "); try again later.", Duration.between(now, oldest.plus(OFFER_WINDOW)));
        }
    }

    private Subscription activeSubscription(Account account) {
        return subscriptions.findActiveByAccount(account.id()).orElseThrow(() -> new RuleViolationException(
                TransferRefusal.SUBSCRIPTION_NOT_ACTIVE, null,
                "The subscription of " + account.name() + " is not active, so the account cannot be transferred."));
    }

    private static ConflictException pendingConflict(Account account) {
        return new ConflictException("The account " + account.name()
                + " already has a pending transfer; cancel it before starting another.");
    }

    private static NotFoundException notFound(UUID transferId) {
        return new NotFoundException("There is no transfer " + transferId + " for you.");
    }
}
