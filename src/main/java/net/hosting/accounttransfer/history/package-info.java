/** A profile's own history: its activity log and support tickets (invoices live in billing). */
package net.hosting.accounttransfer.history;
