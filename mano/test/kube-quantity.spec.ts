/** Kubernetes quantities as granting reads them: exact, rounded up as Kubernetes rounds, anything else refused. */
import { parseQuantity } from "../src/domain/kube-quantity";

const millis = (text: string) => parseQuantity(text, -3, "cpu");
const bytes = (text: string) => parseQuantity(text, 0, "memory");

test("CPU in millicores: plain numbers, m, decimals exactly, exponents; a fraction of a millicore rounds up", () => {
  expect(["2", "500m", "0.1", "1.5", ".5", "2.", "1e3", "1E-3", "0.0001", "100u", "250000000n", "+1"].map(millis)).toEqual([
    2000, 500, 100, 1500, 500, 2000, 1000000, 1, 1, 1, 250, 1000,
  ]);
});

test("memory in bytes: binary (Ki…Ei) and decimal (k…E) suffixes, plain numbers, exponents", () => {
  expect(["128974848", "129e6", "129M", "123Mi", "1Ki", "1Gi", "8Gi", "1.5Gi", "1k", "2G", "1T", "1Ti", "1e3", "12E6", "1E"].map(bytes)).toEqual([
    128974848, 129000000, 129000000, 123 * 2 ** 20, 1024, 2 ** 30, 8 * 2 ** 30, 1.5 * 2 ** 30, 1000, 2e9, 1e12, 2 ** 40, 1000, 12e6, 1e18,
  ]);
  expect(bytes("1m")).toBe(1); // a thousandth of a byte is one byte, as Quantity.Value rounds
});

test("what is not a quantity is refused, naming the field and the value", () => {
  for (const text of ["", "1.5 cores", "1KB", "Gi", "1gi", "0x10", "1e", "1.2.3", "--1"]) {
    expect(() => bytes(text)).toThrow(`memory ${JSON.stringify(text)} is not a Kubernetes quantity (such as 500m, 2, 1.5Gi, 128M or 1e3)`);
  }
  expect(() => parseQuantity(4, 0, "memory")).toThrow("memory 4 is not a Kubernetes quantity");
  expect(() => bytes("1e99")).toThrow('memory "1e99" is out of range');
});
