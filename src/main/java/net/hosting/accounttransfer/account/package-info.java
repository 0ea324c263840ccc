/** Hosting accounts and who owns them. */
package net.hosting.accounttransfer.account;
