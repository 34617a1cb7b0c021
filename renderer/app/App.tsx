export function App() {
  return <main>电子社保卡工作许可核验 · e-SSC work-permit verification</main>;
}
