package net.hosting.accounttransfer.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How a benchmark client signs its API calls: the seam between HTTP Basic and personal API tokens. */
public interface Credentials {

    /** The {@code Authorization} header of the profile with this email. */
    String authorization(String email);

    /** A personal API token per profile, as API clients sign in: one indexed lookup per call. */
    static Credentials bearer(java.util.Map<String, String> tokenByEmail) {
        return email -> "Bearer " + tokenByEmail.get(email);
    }

    /** HTTP Basic with the seeded password: BCrypt on every call, as interactive use does. */
    static Credentials basic(String password) {
        return email -> "Basic " + Base64.getEncoder()
                .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
