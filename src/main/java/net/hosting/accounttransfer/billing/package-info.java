/** Subscriptions, exact money and the ledger of invoices and credit notes; knows nothing of Camunda, mail or transfers. */
package net.hosting.accounttransfer.billing;
