/**
 * What every customer page shares, whichever feature it belongs to: the page marker, errors as pages, the
 * reader's language, formats, notices after a redirect, paged lists and the refusals beside a field.
 */
package net.hosting.accounttransfer.web;
