// plugin-throttling and plugin-retry import Bottleneck's light build, which ships no types of its own
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
