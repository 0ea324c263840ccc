package net.hosting.accounttransfer.profile.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import net.hosting.accounttransfer.profile.ProfileSignIn;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a customer in from a page other than the sign-in form (right after sign-up), and refreshes the signed-in
 * principal after a profile change, the way form sign-in does it: a new session id, a new CSRF token, and the
 * security context saved in the session.
 */
@Component
public class SessionSignIn {

    private final AuthenticationManager customerAuthentication;
    private final ProfileSignIn profiles;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SessionAuthenticationStrategy sessionFixation = new CompositeSessionAuthenticationStrategy(List.of(
            new ChangeSessionIdAuthenticationStrategy(),
            new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository())));

    SessionSignIn(@Qualifier("customerAuthentication") AuthenticationManager customerAuthentication,
            ProfileSignIn profiles) {
        this.customerAuthentication = customerAuthentication;
        this.profiles = profiles;
    }

    /** Checks the credentials like the sign-in form does, then starts a signed-in session. */
    public void signIn(String email, String password, HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = customerAuthentication.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(email, password));
        establish(authentication, request, response);
    }

    /** Re-reads the profile into the session's principal, e.g. after its email or password changed. */
    void refresh(String email, HttpServletRequest request, HttpServletResponse response) {
        UserDetails principal = profiles.loadUserByUsername(email);
        establish(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()),
                request, response);
    }

    private void establish(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        sessionFixation.onAuthentication(authentication, request, response);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
