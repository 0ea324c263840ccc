/**
 * The fault suite ({@code ./mvnw -Pfaults verify}): many transfers in flight against real servers while the mail
 * relay flaps, a node is killed or PostgreSQL restarts, each test printing one summary line.
 */
package net.hosting.accounttransfer.faults;
