import { ConsoleStack } from './console-stack.js';
import { sessionScenarios } from './session.scenario.js';
import { accessibilityScenarios } from './accessibility.scenario.js';
import { reviewScenarios } from './review.scenario.js';
import { importScenarios } from './import.scenario.js';
import { officerDayScenarios } from './officer-day.scenario.js';
import { plansReportsScenarios } from './plans-reports.scenario.js';
import { emergencyScenarios } from './emergency.scenario.js';
import { relaysScenarios } from './relays.scenario.js';

/**
 * Every browser test shares one built api and worker (starting them is the slow part); each scenario
 * opens its own browser context, so cookies and storage never leak between them.
 */
describe('the console in headless Chromium', () => {
  const stack = new ConsoleStack();

  beforeAll(async () => {
    await stack.start();
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  }, 60_000);

  describe('sign-in', () => sessionScenarios(stack));
  describe('review', () => reviewScenarios(stack));
  describe('subscriber import', () => importScenarios(stack));
  describe("an officer's day", () => officerDayScenarios(stack));
  describe("a provincial leader's plan and reports", () => plansReportsScenarios(stack));
  describe('emergencies', () => emergencyScenarios(stack));
  describe('relays', () => relaysScenarios(stack));
  // Last: its showcase adds a station whose slots would hold the officer's day broadcast open.
  describe('accessibility', () => accessibilityScenarios(stack));
});
