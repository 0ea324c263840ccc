package net.hosting.accounttransfer.profile;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import net.hosting.accounttransfer.notification.AppProperties;
import net.hosting.accounttransfer.notification.Mailer;
import net.hosting.accounttransfer.notification.OutgoingMail;

/**
 * The mails of an email change (S1): the link to the new address, or a note that a profile already uses it, and
 * a notice to the current address. Sent in the request's transaction, so a failed mail undoes the request.
 */
@Service
class ProfileMails {

    private final Mailer mailer;
    private final AppProperties app;

    ProfileMails(Mailer mailer, AppProperties app) {
        this.mailer = mailer;
        this.app = app;
    }

    @EventListener
    void emailChangeRequested(EmailChangeRequested request) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", request.name());
        model.put("currentEmail", request.currentEmail());
        model.put("newEmail", request.newEmail());
        model.put("expiresAt", request.expiresAt());
        String key = "profile:" + request.profileId() + ":email-change:" + request.changeId() + ":";
        if (request.addressTaken()) {
            mailer.send(new OutgoingMail(key + "taken", request.newEmail(), request.locale().toJavaLocale(),
                    "email-taken", model));
        } else {
            // S9: fixed text and the link only, nothing the requester typed (a name can carry a scam)
            Map<String, Object> withLink = new HashMap<>();
            withLink.put("expiresAt", request.expiresAt());
            withLink.put("link", app.link("/profile/email/confirm?token=" + request.confirmationToken()));
            mailer.send(new OutgoingMail(key + "confirm", request.newEmail(), request.locale().toJavaLocale(),
                    "email-confirm", withLink));
        }
        mailer.send(new OutgoingMail(key + "notice", request.currentEmail(), request.locale().toJavaLocale(),
                "email-change-notice", model));
    }
}
