/**
 * The transfer pages: the accounts to give away and the preview, the Transfers tab, the offer an emailed link opens
 * and the sign-up from it, with their forms and views; and the accounts view of the JSON API.
 */
package net.hosting.accounttransfer.transfer.web;
