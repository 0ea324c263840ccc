package net.hosting.accounttransfer.profile;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Signs customers in by their email, compared case-insensitively, and BCrypt password. */
@Service
public class ProfileSignIn implements UserDetailsService {

    private final ProfileRepository profiles;

    ProfileSignIn(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String email) {
        return profiles.findByEmail(email).map(SignedInProfile::new)
                .orElseThrow(() -> new UsernameNotFoundException("no profile for that email"));
    }
}
