/**
 * What the features run on rather than decide: the paging of lists, the secret of a mailed or shown token, a value
 * read at most once per interval, and telling a database outage from any other failure.
 */
package net.hosting.accounttransfer.infrastructure;
