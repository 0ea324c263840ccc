package net.hosting.accounttransfer.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Catches every mail in an in-process SMTP server when no SMTP host is configured; see /dev/mailbox. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EmbeddedDefaults.EMBEDDED_MAIL, havingValue = "true")
class EmbeddedMailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailConfiguration.class);

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail greenMail(EmbeddedProperties embedded) {
        int port = embedded.smtpPort();
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        return new GreenMail(port == 0 ? setup.dynamicPort() : setup);
    }

    @Bean
    JavaMailSenderImpl mailSender(GreenMail greenMail) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(greenMail.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        log.info("Embedded SMTP server listening on port {}", sender.getPort());
        return sender;
    }
}
