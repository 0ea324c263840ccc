/** The history page (invoices, tickets, activity) with its ticket form, and the tickets of the JSON API. */
package net.hosting.accounttransfer.history.web;
