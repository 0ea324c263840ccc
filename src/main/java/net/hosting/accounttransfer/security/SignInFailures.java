package net.hosting.accounttransfer.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts a wrong password where it is found (S3, S8): Spring Security publishes every bad credential of the form,
 * HTTP Basic and the staff sign-in, and a profile change publishes a wrong {@code currentPassword} the same way.
 * An outage of the database is no bad credential and is not counted.
 */
@Component
class SignInFailures {

    private final GuessingThrottle throttle;

    SignInFailures(GuessingThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    void badCredentials(AuthenticationFailureBadCredentialsEvent event) {
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : currentRequestAddress();
        if (address != null) {
            throttle.failed(Guess.SIGN_IN, address, event.getAuthentication().getName());
        }
    }

    private static String currentRequestAddress() {
        // behind a proxy, Tomcat's RemoteIpValve set it from a trusted proxy's header only (S8)
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
    }
}
