package net.hosting.accounttransfer.notification;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * One timer thread for the write timeouts of every SMTP connection. With {@code mail.smtp.writetimeout} set (as
 * {@code spring.mail.properties} sets it, so that a stuck relay cannot hold a step thread), Angus Mail guards each
 * write with a timer, and unless it is given one, it starts a scheduler thread of its own for every connection: one
 * thread per mail sent, 5,438 in 180 s of the benchmark at 10 transfers a second. It takes a shared one under
 * {@code mail.smtp.executor.writetimeout}, which only an object can fill, so this puts it into every mail sender's
 * properties before the sender makes its session.
 */
@Component
class SharedMailWriteTimer implements BeanPostProcessor, DisposableBean {

    private static final List<String> PROTOCOLS = List.of("smtp", "smtps");

    private final ScheduledThreadPoolExecutor timer;

    SharedMailWriteTimer() {
        timer = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = new Thread(work, "smtp-write-timeout");
            thread.setDaemon(true);
            return thread;
        });
        // every write schedules its timeout and cancels it once written: cancelled ones leave the queue at once
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof JavaMailSenderImpl sender) {
            Properties properties = sender.getJavaMailProperties();
            for (String protocol : PROTOCOLS) {
                if (properties.getProperty("mail." + protocol + ".writetimeout") != null) {
                    properties.putIfAbsent("mail." + protocol + ".executor.writetimeout", timer);
                }
            }
        }
        return bean;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
