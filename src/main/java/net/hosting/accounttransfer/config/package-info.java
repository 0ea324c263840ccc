/**
 * Cross-cutting wiring that no feature imports: error answers, OpenAPI, the clock, the JSON of money, and the
 * capacity of the web, job and connection pools; each feature's own settings live in that feature.
 */
package net.hosting.accounttransfer.config;
