/**
 * NAICS 2017 (North American Industry Classification System, United States, 2017): the 20
 * sectors (2 digits) and 99 subsectors (3 digits).
 *
 * Source: Executive Office of the President, Office of Management and Budget, North American
 * Industry Classification System — United States, 2017, https://www.census.gov/naics/.
 * Codes and titles are keyed in from the manual. Industry groups (4 digits), NAICS industries
 * (5) and national industries (6) are not shipped: load the Census Bureau's full list with
 * `loadClassificationFile`.
 *
 * Three sectors span several two-digit prefixes and are written as ranges: Manufacturing 31-33,
 * Retail Trade 44-45, Transportation and Warehousing 48-49. The range is the sector's canonical
 * code (it is how the Census Bureau's lists and County Business Patterns write it); '31', '32'
 * and '33' alone normalise to '31-33'.
 *
 * Checked: test/classifications.test.ts compares every 2- and 3-digit code and title with the
 * Census Bureau's "2-6 digit_2017_Codes" list when /work/shared/data is present.
 */

/** [canonical sector code, title, two-digit prefixes in the sector] */
export const NAICS_SECTORS: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['11', 'Agriculture, Forestry, Fishing and Hunting', ['11']],
  ['21', 'Mining, Quarrying, and Oil and Gas Extraction', ['21']],
  ['22', 'Utilities', ['22']],
  ['23', 'Construction', ['23']],
  ['31-33', 'Manufacturing', ['31', '32', '33']],
  ['42', 'Wholesale Trade', ['42']],
  ['44-45', 'Retail Trade', ['44', '45']],
  ['48-49', 'Transportation and Warehousing', ['48', '49']],
  ['51', 'Information', ['51']],
  ['52', 'Finance and Insurance', ['52']],
  ['53', 'Real Estate and Rental and Leasing', ['53']],
  ['54', 'Professional, Scientific, and Technical Services', ['54']],
  ['55', 'Management of Companies and Enterprises', ['55']],
  ['56', 'Administrative and Support and Waste Management and Remediation Services', ['56']],
  ['61', 'Educational Services', ['61']],
  ['62', 'Health Care and Social Assistance', ['62']],
  ['71', 'Arts, Entertainment, and Recreation', ['71']],
  ['72', 'Accommodation and Food Services', ['72']],
  ['81', 'Other Services (except Public Administration)', ['81']],
  ['92', 'Public Administration', ['92']],
];

/** [code, title] */
export const NAICS_SUBSECTORS: ReadonlyArray<readonly [string, string]> = [
  // 11 Agriculture, Forestry, Fishing and Hunting
  ['111', 'Crop Production'],
  ['112', 'Animal Production and Aquaculture'],
  ['113', 'Forestry and Logging'],
  ['114', 'Fishing, Hunting and Trapping'],
  ['115', 'Support Activities for Agriculture and Forestry'],
  // 21 Mining, Quarrying, and Oil and Gas Extraction
  ['211', 'Oil and Gas Extraction'],
  ['212', 'Mining (except Oil and Gas)'],
  ['213', 'Support Activities for Mining'],
  // 22 Utilities
  ['221', 'Utilities'],
  // 23 Construction
  ['236', 'Construction of Buildings'],
  ['237', 'Heavy and Civil Engineering Construction'],
  ['238', 'Specialty Trade Contractors'],
  // 31-33 Manufacturing
  ['311', 'Food Manufacturing'],
  ['312', 'Beverage and Tobacco Product Manufacturing'],
  ['313', 'Textile Mills'],
  ['314', 'Textile Product Mills'],
  ['315', 'Apparel Manufacturing'],
  ['316', 'Leather and Allied Product Manufacturing'],
  ['321', 'Wood Product Manufacturing'],
  ['322', 'Paper Manufacturing'],
  ['323', 'Printing and Related Support Activities'],
  ['324', 'Petroleum and Coal Products Manufacturing'],
  ['325', 'Chemical Manufacturing'],
  ['326', 'Plastics and Rubber Products Manufacturing'],
  ['327', 'Nonmetallic Mineral Product Manufacturing'],
  ['331', 'Primary Metal Manufacturing'],
  ['332', 'Fabricated Metal Product Manufacturing'],
  ['333', 'Machinery Manufacturing'],
  ['334', 'Computer and Electronic Product Manufacturing'],
  ['335', 'Electrical Equipment, Appliance, and Component Manufacturing'],
  ['336', 'Transportation Equipment Manufacturing'],
  ['337', 'Furniture and Related Product Manufacturing'],
  ['339', 'Miscellaneous Manufacturing'],
  // 42 Wholesale Trade
  ['423', 'Merchant Wholesalers, Durable Goods'],
  ['424', 'Merchant Wholesalers, Nondurable Goods'],
  ['425', 'Wholesale Electronic Markets and Agents and Brokers'],
  // 44-45 Retail Trade
  ['441', 'Motor Vehicle and Parts Dealers'],
  ['442', 'Furniture and Home Furnishings Stores'],
  ['443', 'Electronics and Appliance Stores'],
  ['444', 'Building Material and Garden Equipment and Supplies Dealers'],
  ['445', 'Food and Beverage Stores'],
  ['446', 'Health and Personal Care Stores'],
  ['447', 'Gasoline Stations'],
  ['448', 'Clothing and Clothing Accessories Stores'],
  ['451', 'Sporting Goods, Hobby, Musical Instrument, and Book Stores'],
  ['452', 'General Merchandise Stores'],
  ['453', 'Miscellaneous Store Retailers'],
  ['454', 'Nonstore Retailers'],
  // 48-49 Transportation and Warehousing
  ['481', 'Air Transportation'],
  ['482', 'Rail Transportation'],
  ['483', 'Water Transportation'],
  ['484', 'Truck Transportation'],
  ['485', 'Transit and Ground Passenger Transportation'],
  ['486', 'Pipeline Transportation'],
  ['487', 'Scenic and Sightseeing Transportation'],
  ['488', 'Support Activities for Transportation'],
  ['491', 'Postal Service'],
  ['492', 'Couriers and Messengers'],
  ['493', 'Warehousing and Storage'],
  // 51 Information
  ['511', 'Publishing Industries (except Internet)'],
  ['512', 'Motion Picture and Sound Recording Industries'],
  ['515', 'Broadcasting (except Internet)'],
  ['517', 'Telecommunications'],
  ['518', 'Data Processing, Hosting, and Related Services'],
  ['519', 'Other Information Services'],
  // 52 Finance and Insurance
  ['521', 'Monetary Authorities-Central Bank'],
  ['522', 'Credit Intermediation and Related Activities'],
  ['523', 'Securities, Commodity Contracts, and Other Financial Investments and Related Activities'],
  ['524', 'Insurance Carriers and Related Activities'],
  ['525', 'Funds, Trusts, and Other Financial Vehicles'],
  // 53 Real Estate and Rental and Leasing
  ['531', 'Real Estate'],
  ['532', 'Rental and Leasing Services'],
  ['533', 'Lessors of Nonfinancial Intangible Assets (except Copyrighted Works)'],
  // 54 Professional, Scientific, and Technical Services
  ['541', 'Professional, Scientific, and Technical Services'],
  // 55 Management of Companies and Enterprises
  ['551', 'Management of Companies and Enterprises'],
  // 56 Administrative and Support and Waste Management and Remediation Services
  ['561', 'Administrative and Support Services'],
  ['562', 'Waste Management and Remediation Services'],
  // 61 Educational Services
  ['611', 'Educational Services'],
  // 62 Health Care and Social Assistance
  ['621', 'Ambulatory Health Care Services'],
  ['622', 'Hospitals'],
  ['623', 'Nursing and Residential Care Facilities'],
  ['624', 'Social Assistance'],
  // 71 Arts, Entertainment, and Recreation
  ['711', 'Performing Arts, Spectator Sports, and Related Industries'],
  ['712', 'Museums, Historical Sites, and Similar Institutions'],
  ['713', 'Amusement, Gambling, and Recreation Industries'],
  // 72 Accommodation and Food Services
  ['721', 'Accommodation'],
  ['722', 'Food Services and Drinking Places'],
  // 81 Other Services (except Public Administration)
  ['811', 'Repair and Maintenance'],
  ['812', 'Personal and Laundry Services'],
  ['813', 'Religious, Grantmaking, Civic, Professional, and Similar Organizations'],
  ['814', 'Private Households'],
  // 92 Public Administration
  ['921', 'Executive, Legislative, and Other General Government Support'],
  ['922', 'Justice, Public Order, and Safety Activities'],
  ['923', 'Administration of Human Resource Programs'],
  ['924', 'Administration of Environmental Quality Programs'],
  ['925', 'Administration of Housing Programs, Urban Planning, and Community Development'],
  ['926', 'Administration of Economic Programs'],
  ['927', 'Space Research and Technology'],
  ['928', 'National Security and International Affairs'],
];
