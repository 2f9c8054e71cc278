// Reproducible bootstrap intervals and synthetic data: the project's one generator (core/random).
export { seededRandom } from "../core/random";
