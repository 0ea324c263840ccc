package net.hosting.accounttransfer.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;

/**
 * How a throttled guess is answered: 429 with Retry-After in whole seconds. From a filter the error controller
 * then makes it problem+json under the API prefixes and a page in the reader's language elsewhere.
 */
public final class TooManyGuesses {

    private TooManyGuesses() {
    }

    public static void refuse(HttpServletResponse response, Duration wait) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter(wait));
        response.sendError(429);
    }

    /** The Retry-After value: whole seconds, rounded up, so a client that waits exactly this long is let in. */
    public static String retryAfter(Duration wait) {
        return Long.toString(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)));
    }
}
