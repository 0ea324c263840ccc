package net.hosting.accounttransfer.transfer;

import java.time.Clock;
import java.util.UUID;
import net.hosting.accounttransfer.infrastructure.SecretToken;
import net.hosting.accounttransfer.notification.AppProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accept links {@code {app.public-url}/transfers/{id}?token=...} (T13). Each mailed link gets its own token,
 * made when the mail is composed, so the secret never sits in the database or in a process variable.
 */
@Service
public class AcceptLinks {

    private final IssuedTokenRepository tokens;
    private final AppProperties app;
    private final Clock clock;

    AcceptLinks(IssuedTokenRepository tokens, AppProperties app, Clock clock) {
        this.tokens = tokens;
        this.app = app;
        this.clock = clock;
    }

    /**
     * A fresh link carrying a new token; only the token's hash is kept, written in the mail step's own
     * transaction (never a second one beside it), so it commits together with the mail's key.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String issue(UUID transferId) {
        String token = SecretToken.generate();
        tokens.save(new IssuedToken(transferId, SecretToken.hash(token), clock.instant()));
        return app.link("/transfers/" + transferId + "?token=" + token);
    }

    /** The link without a token, for mails that only point at the transfer. */
    public String plain(UUID transferId) {
        return app.link("/transfers/" + transferId);
    }

    /** Whether {@code token} is one that was mailed for this transfer (status is checked by the caller). */
    @Transactional(readOnly = true)
    public boolean matches(UUID transferId, String token) {
        return tokens.findByTransfer(transferId).stream()
                .anyMatch(issued -> SecretToken.matches(token, issued.tokenHash()));
    }
}
