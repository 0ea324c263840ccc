/** Views that join several features for the customer: the accounts list and, later, the customer pages. */
package net.hosting.accounttransfer.web;
