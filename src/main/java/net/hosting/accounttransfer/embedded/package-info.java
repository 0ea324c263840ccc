/**
 * The embedded default (in-process PostgreSQL and SMTP, the mailbox page and demo data) used when no environment is
 * given, the checks that production mode has its settings, and the start-up log.
 */
package net.hosting.accounttransfer.embedded;
