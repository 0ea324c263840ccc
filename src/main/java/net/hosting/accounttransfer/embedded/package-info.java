/** The embedded default: in-process PostgreSQL and SMTP, the mailbox page and demo data, used when no environment is given. */
package net.hosting.accounttransfer.embedded;
