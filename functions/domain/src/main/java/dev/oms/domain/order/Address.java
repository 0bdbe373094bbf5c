package dev.oms.domain.order;

/** A postal address; the country is an ISO 3166-1 alpha-2 code. */
public record Address(String name, String company, String line1, String line2, String city, String region,
                      String postalCode, String country, String phone, String email) { }
