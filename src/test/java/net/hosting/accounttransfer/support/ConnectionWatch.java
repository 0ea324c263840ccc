package net.hosting.accounttransfer.support;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Watches every connection the application borrows from its real pool: it records any thread that holds two at
 * once, and a request sent with {@link #BUDGET_HEADER} gets only that many connections once past security, the
 * next borrow failing as an exhausted pool's would. Import it into a test's context.
 */
public class ConnectionWatch implements BeanPostProcessor, Filter {

    /** How many connections the controller and what it calls may borrow for this request. */
    public static final String BUDGET_HEADER = "X-Test-Connection-Budget";

    private static final ThreadLocal<AtomicInteger> BUDGET = new ThreadLocal<>();

    private final Map<Thread, AtomicInteger> held = new ConcurrentHashMap<>();
    private final List<String> secondConnections = new CopyOnWriteArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof Watched) ? new Watched(dataSource) : bean;
    }

    /** Each time a thread borrowed a connection while it already held one: the thread and where it asked. */
    public List<String> secondConnections() {
        return List.copyOf(secondConnections);
    }

    public void forget() {
        secondConnections.clear();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String budget = request instanceof HttpServletRequest http ? http.getHeader(BUDGET_HEADER) : null;
        if (budget == null) {
            chain.doFilter(request, response);
            return;
        }
        BUDGET.set(new AtomicInteger(Integer.parseInt(budget)));
        try {
            chain.doFilter(request, response);
        } finally {
            BUDGET.remove();
        }
    }

    private Connection borrowed(Connection connection) {
        Thread owner = Thread.currentThread();
        AtomicInteger count = held.computeIfAbsent(owner, thread -> new AtomicInteger());
        if (count.incrementAndGet() > 1) {
            secondConnections.add(owner.getName() + " at " + Arrays.stream(new Throwable().getStackTrace())
                    .map(StackTraceElement::toString)
                    .filter(frame -> frame.startsWith("net.hosting") && !frame.contains("ConnectionWatch"))
                    .limit(6).collect(Collectors.joining(" < ")));
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && !connection.isClosed()) {
                        count.decrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void spend() throws SQLException {
        AtomicInteger budget = BUDGET.get();
        if (budget != null && budget.getAndDecrement() <= 0) {
            throw new SQLTransientConnectionException(
                    "ConnectionWatch: no connection left for this request (" + BUDGET_HEADER + ")");
        }
    }

    private final class Watched extends DelegatingDataSource {

        Watched(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            spend();
            return borrowed(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            spend();
            return borrowed(super.getConnection(username, password));
        }
    }
}
