/**
 * Wiring: typed settings, the clock, security (the four doors, Bearer tokens, remembered passwords, Camunda's staff
 * user), problem answers for every API error, the OpenAPI document and money in JSON.
 */
package net.hosting.accounttransfer.config;
