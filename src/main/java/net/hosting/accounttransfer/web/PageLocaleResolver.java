package net.hosting.accounttransfer.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import net.hosting.accounttransfer.infrastructure.DatabaseOutage;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.profile.SignedInProfile;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Pages speak the signed-in profile's language; a visitor who is not signed in chooses with {@code ?lang=fr|en}
 * (remembered for the visit), else the browser's Accept-Language decides, else French, the provider's own.
 */
@Component("localeResolver")
public class PageLocaleResolver implements LocaleResolver {

    static final Locale DEFAULT = Locale.FRENCH;
    private static final String RESOLVED = PageLocaleResolver.class.getName() + ".RESOLVED";
    private static final String CHOSEN = PageLocaleResolver.class.getName() + ".CHOSEN";

    private final ProfileService profiles;

    PageLocaleResolver(ProfileService profiles) {
        this.profiles = profiles;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        // resolved once per request: the profile's locale costs a query
        if (request.getAttribute(RESOLVED) instanceof Locale resolved) {
            return resolved;
        }
        Locale locale = profileLocale().or(() -> visitorChoice(request))
                .or(() -> acceptLanguage(request)).orElse(DEFAULT);
        request.setAttribute(RESOLVED, locale);
        return locale;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        // the language is a profile setting, changed on the profile page, never through a resolver
        throw new UnsupportedOperationException("The page language follows the profile; change it there.");
    }

    private Optional<Locale> profileLocale() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInProfile me) {
            try {
                return Optional.of(profiles.get(me.profileId()).locale().toJavaLocale());
            } catch (NotFoundException e) {
                return Optional.empty();
            } catch (RuntimeException e) {
                // the 503 page shown while the database is away still renders, in the visitor's language
                if (DatabaseOutage.isCause(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        }
        return Optional.empty();
    }

    /** A visitor's {@code ?lang=} choice, kept in the session so the next page speaks the same language. */
    private static Optional<Locale> visitorChoice(HttpServletRequest request) {
        Optional<Locale> asked = supported(request.getParameter("lang"));
        if (asked.isPresent()) {
            request.getSession().setAttribute(CHOSEN, asked.get());
            return asked;
        }
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(CHOSEN) instanceof Locale chosen ? Optional.of(chosen)
                : Optional.empty();
    }

    public static Optional<Locale> supported(String tag) {
        try {
            return tag == null || tag.isBlank() ? Optional.empty()
                    : Optional.of(Profile.Language.of(tag).toJavaLocale());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Locale> acceptLanguage(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return Optional.empty();
        }
        return Collections.list(request.getLocales()).stream()
                .map(locale -> supported(locale.getLanguage())).flatMap(Optional::stream).findFirst();
    }
}
