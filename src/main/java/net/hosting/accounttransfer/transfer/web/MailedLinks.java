package net.hosting.accounttransfer.transfer.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import net.hosting.accounttransfer.common.TooManyRequestsException;
import net.hosting.accounttransfer.security.Guess;
import net.hosting.accounttransfer.security.GuessingThrottle;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferService;
import org.springframework.stereotype.Component;

/**
 * The token of an emailed accept link (T13), checked the same way for every page that opens one (the offer and
 * the sign-up): wrong tokens count against the client's address, and past its budget none is compared (S3).
 */
@Component
class MailedLinks {

    private final TransferService transfers;
    private final GuessingThrottle throttle;

    MailedLinks(TransferService transfers, GuessingThrottle throttle) {
        this.transfers = transfers;
        this.throttle = throttle;
    }

    /**
     * The pending transfer the link opens; empty for a missing, wrong, tampered or stale token, or another
     * transfer's, which all look the same.
     *
     * @throws TooManyRequestsException when the client's address is past its budget of wrong tokens
     */
    Optional<Transfer> pendingOffer(UUID transferId, String token, HttpServletRequest request) {
        if (transferId == null || token == null) {
            return Optional.empty();
        }
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.retryAfter(Guess.ACCEPT_LINK, address, null);
        if (wait.isPresent()) {
            throw new TooManyRequestsException("Too many wrong link tokens from this address.", wait.get());
        }
        Optional<Transfer> matched = transfers.byLink(transferId, token);
        if (matched.isEmpty()) {
            throttle.failed(Guess.ACCEPT_LINK, address, null);
        }
        return matched.filter(Transfer::isPending);
    }
}
