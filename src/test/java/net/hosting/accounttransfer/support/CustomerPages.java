package net.hosting.accounttransfer.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileSignIn;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The customer pages through the real security filter chain of the shared integration context (MockMvc built on
 * it, not auto-configured, so no second context starts), and the signed-in customer a request comes from.
 */
public final class CustomerPages {

    private final MockMvc mvc;
    private final ProfileSignIn signIn;

    public CustomerPages(WebApplicationContext context, ProfileSignIn signIn) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        this.signIn = signIn;
    }

    /** Sends the request through the security filter chain to the pages. */
    public ResultActions perform(RequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

    /** The request as this customer, signed in as the sign-in form would have it. */
    public RequestPostProcessor as(Profile profile) {
        return user(signIn.loadUserByUsername(profile.email()));
    }
}
