package net.hosting.accounttransfer.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** {@code /dev/mailbox}: every mail the embedded SMTP server caught, newest first, with working links. */
@Controller
@ConditionalOnProperty(name = EmbeddedDefaults.EMBEDDED_MAIL, havingValue = "true")
class MailboxController {

    private final GreenMail greenMail;

    MailboxController(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    record MailSummary(int index, String to, String subject, Date sentAt) {
    }

    @GetMapping("/dev/mailbox")
    String list(Model model) throws MessagingException {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        List<MailSummary> mails = new ArrayList<>();
        for (int i = messages.length - 1; i >= 0; i--) {
            MimeMessage message = messages[i];
            mails.add(new MailSummary(i, String.join(", ", Arrays.stream(message.getAllRecipients())
                    .map(Object::toString).toList()), message.getSubject(), message.getSentDate()));
        }
        model.addAttribute("mails", mails);
        return "dev/mailbox";
    }

    /** The mail's own HTML part, so its links can be clicked as the recipient would. */
    @GetMapping("/dev/mailbox/{index}")
    ResponseEntity<String> show(@PathVariable int index) throws MessagingException, IOException {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        if (index < 0 || index >= messages.length) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no mail number " + index + ".");
        }
        String html = findPart(messages[index], "text/html");
        if (html != null) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html);
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .body(GreenMailUtil.getBody(messages[index]));
    }

    private static String findPart(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = findPart(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
