/**
 * Who may do what: the filter chains of every door, the API token and password checks, and the guessing throttle
 * (PRODUCT.md S3, S7, S8), all deciding on the path Spring routes.
 */
package net.hosting.accounttransfer.security;
