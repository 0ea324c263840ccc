/** Account transfer ("cession de compte") between the customers of a hosting provider, run by a Camunda 7 process. */
package net.hosting.accounttransfer;
