/** Subscriptions, exact money, the ledger of invoices and credit notes, their API and metrics; knows nothing of Camunda, mail or transfers. */
package net.hosting.accounttransfer.billing;
