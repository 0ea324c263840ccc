package net.hosting.accounttransfer.profile;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import net.hosting.accounttransfer.history.Actor;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The principal of a signed-in customer; it carries the profile id, which survives an email change. */
public class SignedInProfile extends User {

    private final Long profileId;

    SignedInProfile(Profile profile) {
        super(profile.email(), profile.passwordHash(), List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")));
        this.profileId = profile.id();
    }

    public Long profileId() {
        return profileId;
    }

    /** Who acts in this request, page or API, and from which address, for the profile's activity log. */
    public Actor actor(HttpServletRequest request) {
        return new Actor(getUsername(), request.getRemoteAddr());
    }
}
