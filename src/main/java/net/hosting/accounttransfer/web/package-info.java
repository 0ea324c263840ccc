/**
 * The customer pages (server-rendered, in the reader's language, working without JavaScript) and the JSON
 * accounts and tickets: views that join several features for the customer.
 */
package net.hosting.accounttransfer.web;
